/** The greeting part of the sample UI module. */
package org.deskplane.module.greeting.internal;
