/**
 * The guest side of software delivery: {@link org.deskplane.delivery.agent.internal.DeliveryAgent} keeps the jobs
 * ({@link org.deskplane.delivery.agent.internal.JobRegistry}), finds and mounts the media
 * ({@link org.deskplane.delivery.agent.internal.MediaLocator}) and processes payloads
 * ({@link org.deskplane.delivery.agent.internal.PayloadRunner}); the channel handlers only decode and encode.
 */
package org.deskplane.delivery.agent.internal;
