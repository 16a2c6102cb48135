/**
 * The module runtime: region setup ({@code RegionSetup}), guard weaving ({@code GuardWeaver},
 * {@code GuardRewriter}, {@code AccessRules}, {@code FileAccess}), the lifecycle verbs under a watchdog
 * ({@code ModuleLifecycle}, {@code ActivationWatchdog}, {@code ComponentHealth}, {@code ThreadLeakDetector}) and
 * the problem log. Not exported.
 */
package org.deskplane.modules.runtime.internal;
