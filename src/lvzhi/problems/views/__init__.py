"""Pages of the problems app: records (list, detail, edit …), workflow steps, league tables."""
