"""Pages of the investment app: records (list, detail, edit …), pipeline steps, the funnel."""
