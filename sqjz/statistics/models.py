"""No models of its own: the statistics are counted from the areas' records (statistics.registry)."""
