using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Strings.StringBuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Strings;

public class StringBuiltinsTests
{
    [Fact]
    public void Concat_joins_arrays_and_sorted_sets()
    {
        Assert.Equal("a,b,c", Str("concat", ",", Json("[\"a\",\"b\",\"c\"]")));
        Assert.Equal("a-b", Str("concat", "-", new SetValue([new StringValue("b"), new StringValue("a")])));
        Assert.Equal("", Str("concat", ",", Json("[]")));
    }

    [Fact]
    public void Concat_type_errors_use_opa_wording()
    {
        Assert.Equal("operand 2 must be one of {set, array} but got string", Error("concat", ",", "abc").Message);
        Assert.Equal("operand 2 must be array of strings but got array containing number", Error("concat", ",", Json("[\"a\",1]")).Message);
        var e = Error("concat", 1, Json("[]"));
        Assert.Equal("operand 1 must be string but got number", e.Message);
        Assert.Equal("eval_type_error", e.Code);
    }

    [Theory]
    [InlineData("contains", "abcdefgh", "cde", true)]
    [InlineData("contains", "abcdefgh", "ac", false)]
    [InlineData("startswith", "abc", "ab", true)]
    [InlineData("startswith", "abc", "bc", false)]
    [InlineData("endswith", "abc", "bc", true)]
    [InlineData("endswith", "abc", "ab", false)]
    public void Predicates(string name, string a, string b, bool expected) => Assert.Equal(expected, Bool(name, a, b));

    [Fact]
    public void Case_conversion()
    {
        Assert.Equal("abc ßé", Str("lower", "ABC ßÉ"));
        Assert.Equal("ABC É", Str("upper", "abc é"));
    }

    [Fact]
    public void Split_follows_go()
    {
        Assert.Equal("[\"a\", \"b\", \"c\"]", Text("split", "a,b,c", ","));
        Assert.Equal("[\"\"]", Text("split", "", ","));
        Assert.Equal("[\"a\", \"\"]", Text("split", "a,", ","));
        Assert.Equal("[\"μ\", \"x\", \"😀\"]", Text("split", "μx😀", ""));
        Assert.Equal("[]", Text("split", "", ""));
    }

    [Theory]
    [InlineData("a.b.c.d", ".", 2, "[\"a\", \"b\"]")]
    [InlineData("a.b.c.d", ".", 10, "[\"a\", \"b\", \"c\", \"d\"]")]
    [InlineData("a.b.c.d", ".", 0, "[]")]
    [InlineData("a.b.c.d", ".", -2, "[\"c\", \"d\"]")]
    [InlineData("a.b.c.d", ".", -10, "[\"a\", \"b\", \"c\", \"d\"]")]
    [InlineData("abc", ".", -2, "[\"abc\"]")]
    [InlineData("", ".", 2, "[\"\"]")]
    [InlineData("abc", "", 2, "[\"a\", \"b\"]")]
    [InlineData("abc", "", -2, "[\"b\", \"c\"]")]
    public void Split_n(string s, string sep, int n, string expected) => Assert.Equal(expected, Text("strings.split_n", s, sep, n));

    [Fact]
    public void Replace_follows_go()
    {
        Assert.Equal("bye bye", Str("replace", "hi hi", "hi", "bye"));
        Assert.Equal("", Str("replace", "", "hi", "bye"));
        Assert.Equal("-a-b-", Str("replace", "ab", "", "-"));
    }

    [Fact]
    public void Trims_use_cutsets_of_code_points()
    {
        Assert.Equal("abc", Str("trim", "  abc  ", " "));
        Assert.Equal("b", Str("trim", "xyxbyx", "xy"));
        Assert.Equal("byx", Str("trim_left", "xyxbyx", "xy"));
        Assert.Equal("xyxb", Str("trim_right", "xyxbyx", "xy"));
        Assert.Equal("bar", Str("trim_prefix", "foobar", "foo"));
        Assert.Equal("foobar", Str("trim_prefix", "foobar", "bar"));
        Assert.Equal("foo", Str("trim_suffix", "foobar", "bar"));
        Assert.Equal("a b", Str("trim_space", " \t\n a b \u00a0\r"));
        Assert.Equal("x", Str("trim", "😀x😀", "😀"));
    }

    [Fact]
    public void Format_int()
    {
        Assert.Equal("ff", Str("format_int", 255, 16));
        Assert.Equal("1010", Str("format_int", 10, 2));
        Assert.Equal("17", Str("format_int", 15, 8));
        Assert.Equal("-3", Str("format_int", -3.9, 10));
        Assert.Equal("operand 2 must be one of {2, 8, 10, 16}", Error("format_int", 10, 3).Message);
    }

    [Fact]
    public void Indexof_counts_code_points()
    {
        Assert.Equal("1", Text("indexof", "μx", "x"));
        Assert.Equal("-1", Text("indexof", "μ", "μμ"));
        Assert.Equal("9", Text("indexof", "skön var våren", "vår"));
        Assert.Equal("4", Text("indexof", "🍧🍨🧁🍰🍮", "🍮"));
        Assert.Equal("empty search character", Error("indexof", "abc", "").Message);
        Assert.Equal("[2, 5]", Text("indexof_n", "abcabc", "c"));
        Assert.Equal("[0, 1, 2]", Text("indexof_n", "aaaa", "aa"));
        Assert.Equal("[1, 3]", Text("indexof_n", "μxμx", "x"));
        Assert.Equal("[]", Text("indexof_n", "abc", "z"));
    }

    [Fact]
    public void Substring_uses_code_points_and_opa_bounds()
    {
        Assert.Equal("bc", Str("substring", "abcde", 1, 2));
        Assert.Equal("bcde", Str("substring", "abcde", 1, -1));
        Assert.Equal("cde", Str("substring", "abcde", 2, 100));
        Assert.Equal("", Str("substring", "abcde", 10, 2));
        Assert.Equal("ön", Str("substring", "skön", 2, 2));
        Assert.Equal("🍨🧁", Str("substring", "🍧🍨🧁🍰", 1, 2));
        Assert.Equal("bc", Str("substring", "abc", 1, long.MaxValue));
        Assert.Equal("cdefghåäö", Str("substring", "abcdefghåäö", 2, 10000));
        Assert.Equal("negative offset", Error("substring", "abc", -1, 1).Message);
        Assert.Equal("operand 2 must be integer number but got floating-point number", Error("substring", "abc", 1.5, 1).Message);
    }

    [Fact]
    public void Any_prefix_and_suffix_match()
    {
        Assert.True(Bool("strings.any_prefix_match", Json("[\"a/b/c\",\"e/f/g\"]"), Json("[\"d/\",\"e/\"]")));
        Assert.False(Bool("strings.any_prefix_match", "a/b/c", Json("[\"b/\"]")));
        Assert.True(Bool("strings.any_prefix_match", "a/b/c", "a/"));
        Assert.True(Bool("strings.any_suffix_match", new SetValue([new StringValue("x.txt")]), Json("[\".txt\"]")));
        Assert.False(Bool("strings.any_suffix_match", "x.txt", Json("[]")));
        Assert.Equal("operand 1 must be array of strings but got array containing number", Error("strings.any_prefix_match", Json("[1]"), "a").Message);
        Assert.Equal("operand 2 must be one of {string, set, array} but got number", Error("strings.any_prefix_match", "a", 1).Message);
    }

    [Fact]
    public void Count_replace_n_reverse()
    {
        Assert.Equal("3", Text("strings.count", "cheese", "e"));
        Assert.Equal("5", Text("strings.count", "five", ""));
        Assert.Equal("2", Text("strings.count", "aaaa", "aa"));
        Assert.Equal("\"This is a thing\"", Text("strings.replace_n", Json("{\"<a>\":\"a\",\"<b>\":\"thing\"}"), "This is <a> <b>"));
        // Go's Replacer: earlier (sorted) keys win at the same position; replacements do not rescan.
        Assert.Equal("\"1b\"", Text("strings.replace_n", Json("{\"a\":\"1\",\"ab\":\"2\"}"), "ab"));
        Assert.Equal("operand 1 non-string value found in pattern object", Error("strings.replace_n", Json("{\"a\":1}"), "a").Message);
        Assert.Equal("YaabYYYa", Str("strings.replace_n", Json("{\"ab\":\"b\",\"b\":\"Y\"}"), "baaabbbba"));
        Assert.Equal("XaXaXaXaXab", Str("strings.replace_n", Json("{\"a\":\"Xa\",\"ab\":\"X\",\"ba\":\"bYa\",\"aaa\":\"X\"}"), "aaaaab"));
        Assert.Equal("", Str("strings.replace_n", Json("{\"aab\":\"Y\",\"a\":\"\",\"b\":\"\"}"), "bbaab"));
        Assert.Equal("X", Str("strings.replace_n", Json("{\"\":\"X\"}"), ""));
        Assert.Equal("XaXbX", Str("strings.replace_n", Json("{\"\":\"X\"}"), "ab"));
        Assert.Equal("XYXbX", Str("strings.replace_n", Json("{\"\":\"X\",\"a\":\"Y\"}"), "ab"));
        Assert.Equal("-a-e-b-", Str("strings.replace_n", Json("{\"\":\"-\",\"é\":\"e\"}"), "aéb"));
        Assert.Equal("cba", Str("strings.reverse", "abc"));
        Assert.Equal("😀xμ", Str("strings.reverse", "μx😀"));
    }
}
