using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

/// <summary>
/// One variable of a frame. Frames are arrays of this struct rather than of <see cref="Value"/>: writing a value
/// into a struct field needs no covariant array-store check, which would read the stored object's type on every
/// binding (a cache miss per element when iterating large documents).
/// </summary>
internal struct Slot
{
    public Value? Value;
}
