"""run: the pipeline and its executors."""
