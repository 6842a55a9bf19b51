using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Encodings.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Encodings;

public class GraphQLBuiltinsTests
{
    private const string EmployeeSchema = """
               type Employee {
                       id: String!
                       salary: Int!
               }

               schema {
                       query: Query
               }

               type Query {
                       employeeByID(id: String!): Employee
               }
        """;

    private const string InvalidSchema = """
        type Employee {
            id: String!
            salary: Int!
        }
        schema {
            query: Query
        }
        type Broken {
            fixme

        type Query {
            employeeByID(id: String!): Employee
        }
        """;

    // OPA's expected ASTs for these documents (topdown/graphql_test.go).
    private const string QueryAst = """{"Operations":[{"Name":"","Operation":"query","SelectionSet":[{"Alias":"employeeByID","Arguments":[{"Name":"id","Value":{"ExpectedTypeHasDefault": false, "Kind":3,"Raw":"alice"}}],"Name":"employeeByID","SelectionSet":[{"Alias":"salary","Name":"salary"}]}]}]}""";
    private const string SchemaAst = """{"Definitions":[{"BuiltIn":false,"Description":"","Fields":[{"Description":"","Name":"id","Type":{"NamedType":"String","NonNull":true}},{"Description":"","Name":"salary","Type":{"NamedType":"Int","NonNull":true}}],"Kind":"OBJECT","Name":"Employee"},{"BuiltIn":false,"Description":"","Fields":[{"Arguments":[{"Description":"","Name":"id","Type":{"NamedType":"String","NonNull":true}}],"Description":"","Name":"employeeByID","Type":{"NamedType":"Employee","NonNull":false}}],"Kind":"OBJECT","Name":"Query"}],"Schema":[{"Description":"","OperationTypes":[{"Operation":"query","Type":"Query"}]}]}""";

    [Fact]
    public void ParseReturnsGqlparserShapedAsts()
    {
        var result = Invoke("graphql.parse", S("""{ employeeByID(id: "alice") { salary } }"""), S(EmployeeSchema));
        Assert.Equal(new ArrayValue([J(QueryAst), J(SchemaAst)]), result);
        // Schema as an AST object.
        Assert.Equal(new ArrayValue([J(QueryAst), J(SchemaAst)]), Invoke("graphql.parse", S("""{ employeeByID(id: "alice") { salary } }"""), J(SchemaAst)));
    }

    [Fact]
    public void ParseErrors()
    {
        var syntax = BuiltinError("graphql.parse", S("""{employeeByID("alice" """), S(EmployeeSchema));
        Assert.Contains("in GraphQL string at location 1:", syntax);
        Assert.Equal("Field \"employeeByID\" of type \"Employee\" must have a selection of subfields in GraphQL query string at location 1:3",
            BuiltinError("graphql.parse", S("""{ employeeByID(id:"bob") } """), S(EmployeeSchema)));
        Assert.Equal("Cannot query field \"name\" on type \"Employee\" in GraphQL query string at location 1:34",
            BuiltinError("graphql.parse", S("""{ employeeByID(id: "x") { salary name } }"""), S(EmployeeSchema)));
        Assert.Equal("Field \"employeeByID\" argument \"id\" of type \"String!\" is required, but it was not provided in GraphQL query string at location 1:3",
            BuiltinError("graphql.parse", S("""{ employeeByID { salary } }"""), S(EmployeeSchema)));
        Assert.Equal("String cannot represent a non string value: 5 in GraphQL query string at location 1:20",
            BuiltinError("graphql.parse", S("""{ employeeByID(id: 5) { salary } }"""), S(EmployeeSchema)));
        Assert.Equal("Variable \"$id\" of type \"String\" used in position expecting type \"String!\" in GraphQL query string at location 1:41",
            BuiltinError("graphql.parse", S("""query Q($id: String) { employeeByID(id: $id) { salary } }"""), S(EmployeeSchema)));
        Assert.Equal(BooleanValue.True, Invoke("graphql.is_valid", S("""query Q($id: String = "x") { employeeByID(id: $id) { salary } }"""), S(EmployeeSchema)));
        Assert.Equal(BooleanValue.True, Invoke("graphql.is_valid", S("""query Q($id: String!) { employeeByID(id: $id) { salary } }"""), S(EmployeeSchema)));
        Assert.Equal("Variable \"$x\" is never used in operation \"Q\" in GraphQL query string at location 1:9",
            BuiltinError("graphql.parse", S("""query Q($x: Int) { employeeByID(id: "a") { salary } }"""), S(EmployeeSchema)));
        Assert.Equal("operand 0 must be one of {string, object} but got number", TypeError("graphql.parse", NumberValue.Of(1), S(EmployeeSchema)));
        BuiltinError("graphql.parse", S("{ employeeByID(id: \"x\") { id } }"), S(""));
    }

    [Fact]
    public void ParseAndVerify()
    {
        Assert.Equal(new ArrayValue([BooleanValue.True, J(QueryAst), J(SchemaAst)]),
            Invoke("graphql.parse_and_verify", S("""{ employeeByID(id: "alice") { salary } }"""), S(EmployeeSchema)));
        var failure = new ArrayValue([BooleanValue.False, ObjectValue.Empty, ObjectValue.Empty]);
        Assert.Equal(failure, Invoke("graphql.parse_and_verify", S("""{employeeByID("alice" """), S(EmployeeSchema)));
        Assert.Equal(failure, Invoke("graphql.parse_and_verify", S("""{ employeeByID(id: "alice") { salary } }"""), S(InvalidSchema)));
        Assert.Equal(failure, Invoke("graphql.parse_and_verify", S("""{ employeeByID(id:"bob") } """), S(EmployeeSchema)));
        Assert.Equal(failure, Invoke("graphql.parse_and_verify", S("""{ employeeByID(id: "charlie") { id salary } }"""), S("")));
        Assert.Equal(new ArrayValue([BooleanValue.True, ObjectValue.Empty, J(SchemaAst)]), Invoke("graphql.parse_and_verify", S(""), S(EmployeeSchema)));
    }

    [Fact]
    public void IsValidAndSchemaIsValid()
    {
        Assert.Equal(BooleanValue.True, Invoke("graphql.is_valid", S("""{ employeeByID(id: "alice") { salary } }"""), S(EmployeeSchema)));
        Assert.Equal(BooleanValue.True, Invoke("graphql.is_valid", J(QueryAst), S(EmployeeSchema)));
        Assert.Equal(BooleanValue.False, Invoke("graphql.is_valid", S("""{ employeeByID(id: "alice") { salary } }"""), S(InvalidSchema)));
        Assert.Equal(BooleanValue.False, Invoke("graphql.is_valid", NumberValue.Of(1), S(EmployeeSchema)));
        Assert.Equal(BooleanValue.True, Invoke("graphql.schema_is_valid", S(EmployeeSchema)));
        Assert.Equal(BooleanValue.False, Invoke("graphql.schema_is_valid", S(InvalidSchema)));
        Assert.Equal(BooleanValue.True, Invoke("graphql.schema_is_valid", S("")));
        Assert.Equal(BooleanValue.True, Invoke("graphql.schema_is_valid", J(SchemaAst)));
        Assert.Equal(BooleanValue.False, Invoke("graphql.schema_is_valid", S("type Query { x: Missing }")));
    }

    [Fact]
    public void ParseQueryAndSchemaAlone()
    {
        var q = Invoke("graphql.parse_query", S("""
            query Q($id: ID = 3, $tags: [String!]!) @live {
              a: user(id: $id, filter: {tags: $tags, n: null, e: RED, l: [1, 2.5]}) { ...F ... on User { name } }
            }
            fragment F on User { id }
            """))!;
        Assert.Equal(
            """{"Fragments":[{"Name":"F","SelectionSet":[{"Alias":"id","Name":"id"}],"TypeCondition":"User"}],"Operations":[{"Directives":[{"Location":"","Name":"live"}],"Name":"Q","Operation":"query","SelectionSet":[{"Alias":"a","Arguments":[{"Name":"id","Value":{"ExpectedTypeHasDefault":false,"Kind":0,"Raw":"id"}},{"Name":"filter","Value":{"Children":[{"Name":"tags","Value":{"ExpectedTypeHasDefault":false,"Kind":0,"Raw":"tags"}},{"Name":"n","Value":{"ExpectedTypeHasDefault":false,"Kind":6,"Raw":"null"}},{"Name":"e","Value":{"ExpectedTypeHasDefault":false,"Kind":7,"Raw":"RED"}},{"Name":"l","Value":{"Children":[{"Name":"","Value":{"ExpectedTypeHasDefault":false,"Kind":1,"Raw":"1"}},{"Name":"","Value":{"ExpectedTypeHasDefault":false,"Kind":2,"Raw":"2.5"}}],"ExpectedTypeHasDefault":false,"Kind":8,"Raw":""}}],"ExpectedTypeHasDefault":false,"Kind":9,"Raw":""}}],"Name":"user","SelectionSet":[{"Name":"F"},{"SelectionSet":[{"Alias":"name","Name":"name"}],"TypeCondition":"User"}]}],"VariableDefinitions":[{"DefaultValue":{"ExpectedTypeHasDefault":false,"Kind":1,"Raw":"3"},"Type":{"NamedType":"ID","NonNull":false},"Used":false,"Variable":"id"},{"Type":{"Elem":{"NamedType":"String","NonNull":true},"NamedType":"","NonNull":true},"Used":false,"Variable":"tags"}]}]}""",
            q.ToJson());
        var s = Invoke("graphql.parse_schema", S("\"\"\"Colours\"\"\" enum Color { RED GREEN } union U = A | B input I { x: Int = 1 }"))!;
        Assert.Equal(
            """{"Definitions":[{"BuiltIn":false,"Description":"Colours","EnumValues":[{"Description":"","Name":"RED"},{"Description":"","Name":"GREEN"}],"Kind":"ENUM","Name":"Color"},{"BuiltIn":false,"Description":"","Kind":"UNION","Name":"U","Types":["A","B"]},{"BuiltIn":false,"Description":"","Fields":[{"DefaultValue":{"ExpectedTypeHasDefault":false,"Kind":1,"Raw":"1"},"Description":"","Name":"x","Type":{"NamedType":"Int","NonNull":false}}],"Kind":"INPUT_OBJECT","Name":"I"}]}""",
            s.ToJson());
        Assert.Contains("in GraphQL string at location", BuiltinError("graphql.parse_query", S("type Query { a: Int }")));
        Assert.Contains("in GraphQL string at location", BuiltinError("graphql.parse_schema", S("{ a }")));
    }
}
