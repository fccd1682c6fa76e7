"""The room of the lesson "Backpropagation, step by step": its session state (the worked
example's numbers, the step reached), the walkthrough with the nudge check, the y = 3x
descent and the matrix shapes. ``latex`` writes the formulas with their numbers."""
