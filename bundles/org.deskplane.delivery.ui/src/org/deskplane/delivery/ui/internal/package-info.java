package org.deskplane.delivery.ui.internal;
