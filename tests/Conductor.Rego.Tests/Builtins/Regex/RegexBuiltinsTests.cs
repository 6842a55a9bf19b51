using static Conductor.Rego.Tests.Builtins.Strings.StringBuiltinCall;

namespace Conductor.Rego.Tests.Builtins.RegularExpressions;

public class RegexBuiltinsTests
{
    [Fact]
    public void Catastrophic_backtracking_pattern_answers()
    {
        Assert.False(Bool("regex.match", "(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaX"));
        var big = new string('a', 10 * 1024) + "X";
        Assert.False(Bool("regex.match", "(a+)+$", big));
        Assert.True(Bool("regex.match", "(a+)+$", new string('a', 10 * 1024)));
        Assert.False(Bool("regex.match", "^(a|a)*$", new string('a', 10 * 1024) + "!"));
    }

    [Theory]
    [InlineData("^[a-z]+\\[[0-9]+\\]$", "foo[1]", true)]
    [InlineData("abc$", "abc\n", false)]
    [InlineData("(?m)abc$", "abc\nx", true)]
    [InlineData("^abc", "x\nabc", false)]
    [InlineData("(?m)^abc", "x\nabc", true)]
    [InlineData("\\Aabc\\z", "abc", true)]
    [InlineData("(?i)HeLLo", "hello", true)]
    [InlineData("a(?i:b)c", "aBc", true)]
    [InlineData("a(?i:b)c", "aBC", false)]
    [InlineData("^\\d+$", "123", true)]
    [InlineData("^\\d+$", "١٢٣", false)]
    [InlineData("^\\w+$", "héllo", false)]
    [InlineData("^\\pL+$", "héllo", true)]
    [InlineData("^\\p{Greek}+$", "αβγ", true)]
    [InlineData("^.$", "😀", true)]
    [InlineData("^[^a]$", "😀", true)]
    [InlineData("^[😀-😂]$", "😁", true)]
    [InlineData("^(?P<year>\\d{4})-(?P<month>\\d{2})$", "2024-01", true)]
    [InlineData("^[[:alpha:]]+$", "abcXYZ", true)]
    [InlineData("^[[:^digit:]]+$", "abc", true)]
    [InlineData("^\\Qa.b\\E$", "a.b", true)]
    [InlineData("^\\Qa.b\\E$", "axb", false)]
    [InlineData("^\\x41\\x{42}$", "AB", true)]
    [InlineData("a.c", "a\nc", false)]
    [InlineData("(?s)a.c", "a\nc", true)]
    [InlineData("^a{2,3}$", "aaa", true)]
    [InlineData("^a{2,3}$", "aaaa", false)]
    [InlineData("^(a{10}){100}$", "a", false)]
    [InlineData("x{", "x{", true)]
    [InlineData("", "anything", true)]
    public void Match(string pattern, string value, bool expected) => Assert.Equal(expected, Bool("regex.match", pattern, value));

    [Theory]
    [InlineData("][", "error parsing regexp: missing closing ]: `[`")]
    [InlineData("(abc", "error parsing regexp: missing closing ): `(abc`")]
    [InlineData("abc)", "error parsing regexp: unexpected ): `abc)`")]
    [InlineData("(a)\\1", "error parsing regexp: invalid escape sequence: `\\1`")]
    [InlineData("(?=a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?=`")]
    [InlineData("(?!a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?!`")]
    [InlineData("a**", "error parsing regexp: invalid nested repetition operator: `**`")]
    [InlineData("*a", "error parsing regexp: missing argument to repetition operator: `*`")]
    [InlineData("a{1001}", "error parsing regexp: invalid repeat count: `{1001}`")]
    [InlineData("[z-a]", "error parsing regexp: invalid character class range: `z-a`")]
    [InlineData("\\Z", "error parsing regexp: invalid escape sequence: `\\Z`")]
    [InlineData("abc\\", "error parsing regexp: trailing backslash at end of expression: ``")]
    [InlineData("(?P<n>a)(?P<n>b)", "error parsing regexp: duplicate capture group name: `n`")]
    [InlineData("\\p{Foo}", "error parsing regexp: invalid character class range: `\\p{Foo}`")]
    [InlineData("(a{100}){11}", "error parsing regexp: invalid repeat count: `{11}`")]
    [InlineData("((a{10}){10}b){11}", "error parsing regexp: invalid repeat count: `{11}`")]
    public void Invalid_patterns_are_errors(string pattern, string message)
    {
        var e = Error("regex.match", pattern, "x");
        Assert.Equal(message, e.Message);
        Assert.Equal("eval_builtin_error", e.Code);
        Assert.False(Bool("regex.is_valid", pattern));
    }

    [Fact]
    public void Is_valid_and_deprecated_alias()
    {
        Assert.True(Bool("regex.is_valid", "^a+$"));
        Assert.False(Bool("regex.is_valid", 5));
        Assert.True(Bool("re_match", "^[a-z]+\\[[0-9]+\\]$", "foo[1]"));
        Assert.True(Conductor.Rego.Builtins.BuiltinRegistry.Default.TryGet("re_match", out var def) && def.Deprecated);
    }

    [Fact]
    public void Split_follows_go()
    {
        Assert.Equal("[\"a\", \"b\", \"c\"]", Text("regex.split", ",\\s*", "a, b,c"));
        Assert.Equal("[\"\"]", Text("regex.split", "x", ""));
        Assert.Equal("[\"\", \"b\", \"\"]", Text("regex.split", "a", "aba"));
        Assert.Equal("[\"a\", \"b\", \"c\"]", Text("regex.split", "", "abc"));
        // Anchors keep RE2's meaning: ^ is the start of the text and $ its end, whatever the split position.
        Assert.Equal("[\"\", \" baz\"]", Text("regex.split", "^[a-z]+", "foobar baz"));
        Assert.Equal("[\"foobar \", \"\"]", Text("regex.split", "[a-z]+$", "foobar baz"));
        Assert.Equal("[\"foobar baz\"]", Text("regex.split", "^[a-z]+$", "foobar baz"));
        Assert.Equal("[\"\", \"\"]", Text("regex.split", "^[a-z ]+$", "foobar baz"));
        Assert.Equal("[\"pi\", \"a\"]", Text("regex.split", "z+", "pizza"));
    }

    [Fact]
    public void Find_n()
    {
        Assert.Equal("[\"a1\", \"a2\"]", Text("regex.find_n", "a\\d", "a1 a2 a3", 2));
        Assert.Equal("[\"a1\", \"a2\", \"a3\"]", Text("regex.find_n", "a\\d", "a1 a2 a3", -1));
        Assert.Equal("[]", Text("regex.find_n", "a\\d", "a1 a2 a3", 0));
        Assert.Equal("[\"\", \"aaa\", \"\"]", Text("regex.find_n", "a*", "baaab", -1));
    }

    [Fact]
    public void Find_all_string_submatch_n()
    {
        Assert.Equal("[[\"a1\", \"1\"], [\"b2\", \"2\"]]", Text("regex.find_all_string_submatch_n", "[a-z](\\d)", "a1 b2", -1));
        Assert.Equal("[[\"ab\", \"a\", \"\"]]", Text("regex.find_all_string_submatch_n", "(a)(x)?b", "ab", -1));
        Assert.Equal("[[\"abcd\", \"a\", \"bcd\", \"\"]]", Text("regex.find_all_string_submatch_n", "(a|ab)(c|bcd)(d*)", "abcd", -1));
        Assert.Equal("[[\"2024-01\", \"2024\", \"01\"]]", Text("regex.find_all_string_submatch_n", "(?P<y>\\d+)-(\\d+)", "2024-01", 1));
        // Empty matches step by code point: one at each of the 5 rune boundaries of "café".
        Assert.Equal("[[\"\"], [\"\"], [\"\"], [\"\"], [\"\"]]", Text("regex.find_all_string_submatch_n", "(?:)", "café", -1));
        Assert.Equal("[[\"\"], [\"\"]]", Text("regex.find_all_string_submatch_n", "", "😀", -1));
    }

    [Fact]
    public void Replace_expands_like_go()
    {
        Assert.Equal("-0-0-", Str("regex.replace", "-wy-wxxy-", "w(x*)y", "0"));
        Assert.Equal("foofoo", Str("regex.replace", "foo", "(foo)", "$1$1"));
        Assert.Equal("2024/01", Str("regex.replace", "01-2024", "(?P<m>\\d+)-(?P<y>\\d+)", "${y}/${m}"));
        Assert.Equal("", Str("regex.replace", "foo", "(foo)", "$1x"));
        Assert.Equal("$x", Str("regex.replace", "foo", "foo", "$$x"));
        Assert.Equal("-a-b-", Str("regex.replace", "ab", "", "-"));
        Assert.Equal("error parsing regexp: missing closing ]: `[`", Error("regex.replace", "foo", "[", "$1").Message);
    }

    [Fact]
    public void Template_match()
    {
        Assert.True(Bool("regex.template_match", "urn:foo:{.*}", "urn:foo:bar:baz", "{", "}"));
        Assert.False(Bool("regex.template_match", "urn:foo:{.*}", "urn:fox:bar", "{", "}"));
        Assert.True(Bool("regex.template_match", "urn:foo.bar:<[0-9]{2}>", "urn:foo.bar:42", "<", ">"));
        Assert.False(Bool("regex.template_match", "urn:foo.bar:<[0-9]{2}>", "urn:fooxbar:42", "<", ">"));
        Assert.Equal("unbalanced braces in \"\"urn:{\"\"", Error("regex.template_match", "urn:{", "x", "{", "}").Message);
        Assert.Equal("start delimiter has to be exactly one character long but is 2 long", Error("regex.template_match", "x", "x", "{{", "}").Message);
    }

    [Theory]
    [InlineData("a", "a", true)]
    [InlineData("a*b", "a*b", true)]
    [InlineData("a", "b", false)]
    [InlineData(".*", "a.b", true)]
    [InlineData("[a-c]+", "[b-d]+", true)]
    [InlineData("[a-c]", "[d-f]", false)]
    [InlineData("a+", "a*", true)]
    [InlineData("a+", "b*", false)]
    [InlineData("ab*c", "a.c", true)]
    [InlineData("ab*c", "a.d", false)]
    public void Globs_match(string a, string b, bool expected) => Assert.Equal(expected, Bool("regex.globs_match", a, b));

    [Theory]
    [InlineData("[abc", "input:[abc, pos:4, found [ without matching ]: the input provided is invalid")]
    [InlineData("a\\", "input:a\\, pos:1, input ends with a \\\\ (escape) character: the input provided is invalid")]
    [InlineData("[z-a]", "input:[z-a], pos:4, range is out of order: 'a' comes before 'z' in Unicode: the input provided is invalid")]
    [InlineData("]", "input:], pos:1, set-close ']' with no preceding '[': the input provided is invalid")]
    public void Globs_match_errors(string a, string message) => Assert.Equal(message, Error("regex.globs_match", a, "a").Message);

    [Fact]
    public void Globs_match_refuses_huge_inputs()
    {
        var big = new string('a', 3000);
        Assert.Equal("patterns too large to intersect", Error("regex.globs_match", big, big).Message);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var deep = new string('(', 5000) + new string(')', 5000);
        Assert.Equal("error parsing regexp: expression nests too deeply", Error("regex.match", deep, "x").Message);
    }
}
