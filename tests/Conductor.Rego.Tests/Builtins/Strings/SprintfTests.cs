using static Conductor.Rego.Tests.Builtins.Strings.StringBuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Strings;

public class SprintfTests
{
    private static string F(string format, string jsonArgs) => Str("sprintf", format, Json(jsonArgs));

    [Theory]
    [InlineData("%d", "[42]", "42")]
    // Beyond float64: OPA hands the number's text to fmt; a plain big integer still prints its digits.
    [InlineData("%v", "[2e308]", "2e308")]
    [InlineData("%d", "[123456789012345678901234567890]", "123456789012345678901234567890")]
    [InlineData("%5d|%-5d|%05d", "[42, 42, 42]", "   42|42   |00042")]
    [InlineData("%+d % d", "[5, 5]", "+5  5")]
    [InlineData("%x %X %o %b", "[255, 255, 8, 5]", "ff FF 10 101")]
    [InlineData("%#x %#o", "[255, 8]", "0xff 010")]
    [InlineData("%s", "[\"hello\"]", "hello")]
    [InlineData("%10s|%-10s|", "[\"hi\", \"hi\"]", "        hi|hi        |")]
    [InlineData("%.2s", "[\"hello\"]", "he")]
    [InlineData("%q", "[\"a\\\"b\\n\"]", "\"a\\\"b\\n\"")]
    [InlineData("%x", "[\"hi\"]", "6869")]
    [InlineData("%v", "[1.5]", "1.5")]
    [InlineData("%f", "[3.14159]", "3.141590")]
    [InlineData("%.2f", "[3.14159]", "3.14")]
    [InlineData("%-10.3f|", "[3.14159]", "3.142     |")]
    [InlineData("%8.3f", "[-3.14159]", "  -3.142")]
    [InlineData("%e", "[123456.789]", "1.234568e+05")]
    [InlineData("%E", "[0.000123]", "1.230000E-04")]
    [InlineData("%g", "[0.000012345]", "1.2345e-05")]
    [InlineData("%g", "[123.456]", "123.456")]
    [InlineData("%.3g", "[123.456]", "123")]
    [InlineData("%v", "[1234567.5]", "1.2345675e+06")]
    [InlineData("%%", "[]", "%")]
    [InlineData("100%% %s", "[\"done\"]", "100% done")]
    public void Go_verbs(string format, string args, string expected) => Assert.Equal(expected, F(format, args));

    [Fact]
    public void Composite_values_print_in_rego_notation()
    {
        Assert.Equal("[1, \"a\", true]", F("%v", "[[1, \"a\", true]]"));
        Assert.Equal("{\"a\": 1, \"b\": [null]}", F("%v", "[{\"b\": [null], \"a\": 1}]"));
        var set = new Conductor.Rego.Values.SetValue([Conductor.Rego.Values.NumberValue.Of(2), Conductor.Rego.Values.NumberValue.Of(1)]);
        Assert.Equal("{1, 2}", Str("sprintf", "%v", new Conductor.Rego.Values.ArrayValue([set])));
        Assert.Equal("set()", Str("sprintf", "%v", new Conductor.Rego.Values.ArrayValue([Conductor.Rego.Values.SetValue.Empty])));
        Assert.Equal("true null", F("%v %v", "[true, null]"));
        // Strings inside composites are Go-quoted, not JSON-escaped.
        Assert.Equal("[\"<a&b>\", \"é\\n\"]", F("%v", "[[\"<a&b>\", \"é\\n\"]]"));
        Assert.Equal("test {\"test\"}", F("%v %v", "[\"test\", \"{\\\"test\\\"}\"]"));
    }

    [Fact]
    public void Big_integers_format_as_decimal_with_s_and_v()
    {
        Assert.Equal("123456789123456789123", F("%s", "[123456789123456789123]"));
        Assert.Equal("1208925819614629174706175", F("%v", "[1208925819614629174706175]"));
        Assert.Equal("100000000000000000000", F("%d", "[100000000000000000000]"));
        Assert.Equal("56bc75e2d63100000", F("%x", "[100000000000000000000]"));
    }

    [Fact]
    public void Mismatches_print_go_diagnostics()
    {
        Assert.Equal("%!s(int=123)", F("%s", "[123]"));
        Assert.Equal("%!d(string=abc)", F("%d", "[\"abc\"]"));
        Assert.Equal("%!d(string=true)", F("%d", "[true]"));
        Assert.Equal("%!d(MISSING)", F("%d", "[]"));
        Assert.Equal("1%!(EXTRA int=2, string=x)", F("%d", "[1, 2, \"x\"]"));
        Assert.Equal("%!(NOVERB)", F("%", "[]"));
        Assert.Equal("%!n(int=42)", F("%n", "[42]"));
        Assert.Equal("%!d(MISSING)", F("%*d", "[42]"));
        Assert.Equal("int string float64", F("%T %T %T", "[1, \"a\", 1.5]"));
    }

    [Fact]
    public void Operand_types_are_checked()
    {
        Assert.Equal("operand 2 must be array but got string", Error("sprintf", "%s", "x").Message);
        Assert.Equal("operand 1 must be string but got number", Error("sprintf", 1, Json("[]")).Message);
    }
}
