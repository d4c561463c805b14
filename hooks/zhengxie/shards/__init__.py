"""A corpus built in parts: the partition, per-shard builds and their merge."""
