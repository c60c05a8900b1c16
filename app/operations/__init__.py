"""What a deployer watches: ``/metrics`` in Prometheus' text format (app.operations.metrics) and one
JSON log line per request, each with its request id (app.operations.logs)."""
