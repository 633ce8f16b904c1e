"""County aggregation: importing all villages, synthetic data, the figures behind the reports."""
