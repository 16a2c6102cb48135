/** The Bundles & features part and the Audit log part: plain e4 parts, data read off the UI thread. */
package org.deskplane.workbench.platform.ui.internal;
