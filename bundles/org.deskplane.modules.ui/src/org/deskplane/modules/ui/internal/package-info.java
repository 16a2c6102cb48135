/** The workbench parts of extension modules and their small REST client; not exported. */
package org.deskplane.modules.ui.internal;
