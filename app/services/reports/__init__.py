"""Reports: the quarterly figures of each reporting unit (the API's /api/v1/reports).

reports (the report and its workflow), evaluation (derived values, indicators and rule
issues), formulas, catalogue (the figures' definitions), periods, targets, rankings, and the
bulk files: imports (reading) and exports (writing).
"""
