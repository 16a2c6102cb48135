/**
 * The workbench's Content part (browse data sources, download files) and Policies part (edit content policy
 * rules), over the {@code ContentAccess} and {@code ContentPolicies} services.
 */
package org.deskplane.content.ui.internal;
