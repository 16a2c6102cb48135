/**
 * The endpoint's three-way merge of user files (live sync): {@link org.deskplane.layers.merge.ThreeWayMerge}
 * decides per path from the local, last-uploaded and server entries (every row of the seed's Table 1 and the
 * combinations it leaves out, see docs/layers-merge.md); {@link org.deskplane.layers.merge.ConflictNames} names
 * and caps conflict copies; {@link org.deskplane.layers.merge.PathMapper} places user files on endpoints of
 * another OS layout.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.layers.merge;
