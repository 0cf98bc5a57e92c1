"""Evaluation: replay simulation, metrics, gap analysis and reports.

Never ``import eval``: it shadows the builtin. Import submodules:
``from eval.replay_job import ...``.
"""
