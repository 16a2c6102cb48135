package org.deskplane.modules.rest.internal;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleTrust;

/** The module services as the routes reach them: each call returns the current one or answers 503. */
interface ModuleServices {

    ModuleHost host();

    ModuleTrust trust();

    ModulePolicies policies();
}
