namespace Conductor.Rego.Builtins.GraphQL;

/// <summary>GraphQL source text with its line starts, for 1-based line:column positions.</summary>
internal sealed class GqlSource
{
    private readonly List<int> _lineStarts = [0];

    public GqlSource(string text)
    {
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') _lineStarts.Add(i + 1);
        }
    }

    public string Text { get; }

    public (int Line, int Column) LineColumn(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, offset - _lineStarts[index] + 1);
    }
}
