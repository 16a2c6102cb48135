/**
 * The deployment engine (DeployUpdates). {@link org.deskplane.delivery.internal.DeploymentEngineComponent} is the
 * service; {@link org.deskplane.delivery.internal.RolloutScheduler} decides which items may start under the
 * concurrency limits; {@link org.deskplane.delivery.internal.ItemRunner} drives one item's state machine;
 * {@link org.deskplane.delivery.internal.DeploymentStore} persists every step so a restart resumes where it was.
 */
package org.deskplane.delivery.internal;
