/**
 * The file-based payload repository behind the {@link org.deskplane.delivery.api.PayloadRepository} service: import
 * (folder or zip, staged then renamed into place), manifest completion, volume labels and single-flight ISO builds.
 */
package org.deskplane.delivery.repository.internal;
