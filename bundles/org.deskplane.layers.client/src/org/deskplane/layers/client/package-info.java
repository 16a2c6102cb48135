/**
 * The endpoint client of layered desktop images: scans the endpoint's tree, uploads only chunks the server lacks,
 * and pulls each layer by its rule (live three-way merge of user files, profile at the next log-on, system layers
 * staged and pivoted at the next start). Runs in the agent.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.layers.client;
