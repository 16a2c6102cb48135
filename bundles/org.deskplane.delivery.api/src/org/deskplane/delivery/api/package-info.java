/**
 * Software delivery through a virtual device. A {@link org.deskplane.delivery.api.Payload} (files plus a
 * {@link org.deskplane.delivery.api.PayloadManifest} saying how to process them) lives in the
 * {@link org.deskplane.delivery.api.PayloadRepository}, which also builds its read-only ISO image. A
 * {@link org.deskplane.delivery.api.Deployment} sends payloads to many VMs through the
 * {@link org.deskplane.delivery.api.DeploymentService}: per VM a state machine attaches the payload through a
 * virtual device (never the guest's network), lets the guest agent process it, follows its progress and always
 * detaches the device again.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.delivery.api;
