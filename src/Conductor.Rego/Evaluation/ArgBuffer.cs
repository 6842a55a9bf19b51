using System.Runtime.CompilerServices;
using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

/// <summary>Room for up to four builtin operands on the stack, so a builtin call allocates no array.</summary>
[InlineArray(4)]
internal struct ArgBuffer
{
    private Value _element;
}
