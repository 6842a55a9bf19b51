using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

/// <summary>One binding to undo on backtracking: a frame and the slot that was bound.</summary>
internal readonly record struct TrailEntry(Slot[] Frame, int Slot);
