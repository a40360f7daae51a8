"""The re-planner: for one plan, the schedule that satisfies every constraint at once with
the fewest changes (an exact MILP solved with HiGHS), as edits to the planner's own file."""
