/** The VM mobility workbench part and its REST client; not exported (contributed by an e4 model fragment). */
package org.deskplane.vmdiff.ui.internal;
