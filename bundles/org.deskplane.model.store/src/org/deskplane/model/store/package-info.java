/**
 * Persistence of Deskplane's EMF models: the {@link org.deskplane.model.store.ModelStore} service loads and
 * saves named models as XMI files under {@code ${deskplane.data}/model/} ({@code <name>.xmi}).
 *
 * <p>Saves are atomic and durable: the model is written to a temporary file in the same directory, forced to
 * disk, renamed over the old file with an atomic move, and the directory is forced too. A reader, or the
 * server after a crash or power loss, sees either the old or the new model, never a mix.
 *
 * <p>A file that cannot be parsed is <b>left in place and refused</b>: {@code load} throws
 * {@link org.deskplane.model.store.CorruptModelException} naming the file, and {@code save} refuses to
 * replace it, so nothing is lost and nobody silently continues with an empty model. An operator either
 * repairs the file or calls {@link org.deskplane.model.store.ModelStore#quarantine(String)}, which moves it
 * aside to {@code <name>.xmi.corrupt-<UTC timestamp>} (kept for inspection) so the name starts afresh.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.model.store;
