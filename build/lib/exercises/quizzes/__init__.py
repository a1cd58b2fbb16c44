"""The quiz engine: bank schema and checks, loading, grading, the front-end payload, widgets."""
