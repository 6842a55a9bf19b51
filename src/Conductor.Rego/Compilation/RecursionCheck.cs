using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

/// <summary>Finds rules and functions that depend on themselves (OPA rejects recursion at compile time).</summary>
internal static class RecursionCheck
{
    public static List<RegoError> Find(RuleNode root, IEnumerable<(CRule Rule, RuleNode Node)> rules)
    {
        var edges = new Dictionary<RuleNode, HashSet<RuleNode>>();
        var firstRule = new Dictionary<RuleNode, CRule>();
        foreach (var (rule, node) in rules)
        {
            if (!edges.TryGetValue(node, out var set)) edges[node] = set = [];
            firstRule.TryAdd(node, rule);
            for (var r = rule; r is not null; r = r.Else) CollectRule(root, r, set);
        }
        var errors = new List<RegoError>();
        var reported = new HashSet<RuleNode>();
        foreach (var node in edges.Keys.OrderBy(n => n.DottedPath, StringComparer.Ordinal))
        {
            if (reported.Contains(node)) continue;
            var cycle = FindCycle(node, edges);
            if (cycle is null) continue;
            foreach (var n in cycle) reported.Add(n);
            var text = string.Join(" -> ", cycle.Append(cycle[0]).Select(n => n.DottedPath));
            errors.Add(new RegoError(RegoErrorCodes.RecursionError, $"rule {node.DottedPath} is recursive: {text}", firstRule[node].Source.Location));
        }
        return errors;
    }

    private static List<RuleNode>? FindCycle(RuleNode start, Dictionary<RuleNode, HashSet<RuleNode>> edges)
    {
        // Breadth-first search back to start, remembering parents.
        var parent = new Dictionary<RuleNode, RuleNode>();
        var queue = new Queue<RuleNode>();
        queue.Enqueue(start);
        var seen = new HashSet<RuleNode> { start };
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            if (!edges.TryGetValue(n, out var next)) continue;
            foreach (var m in next)
            {
                if (m == start)
                {
                    var path = new List<RuleNode> { n };
                    while (path[^1] != start) path.Add(parent[path[^1]]);
                    path.Reverse();
                    return path;
                }
                if (seen.Add(m))
                {
                    parent[m] = n;
                    queue.Enqueue(m);
                }
            }
        }
        return null;
    }

    private static void CollectRule(RuleNode root, CRule rule, HashSet<RuleNode> deps)
    {
        foreach (var t in rule.RefSuffix) CollectTerm(root, t, deps);
        if (rule.Key is not null) CollectTerm(root, rule.Key, deps);
        if (rule.Value is not null) CollectTerm(root, rule.Value, deps);
        if (rule.Args is not null) foreach (var a in rule.Args) CollectTerm(root, a, deps);
        CollectBody(root, rule.Body, deps);
    }

    private static void CollectBody(RuleNode root, CBody body, HashSet<RuleNode> deps)
    {
        foreach (var e in body.Exprs)
        {
            switch (e)
            {
                case CTermExpr te:
                    CollectTerm(root, te.Term, deps);
                    break;
                case CUnify u:
                    CollectTerm(root, u.Left, deps);
                    CollectTerm(root, u.Right, deps);
                    break;
                case CSomeIn s:
                    if (s.Key is not null) CollectTerm(root, s.Key, deps);
                    CollectTerm(root, s.Value, deps);
                    CollectTerm(root, s.Collection, deps);
                    break;
                case CEvery ev:
                    CollectTerm(root, ev.Domain, deps);
                    CollectBody(root, ev.Body, deps);
                    break;
            }
            foreach (var w in e.With)
            {
                CollectTerm(root, w.Value, deps);
                if (w.Replacement?.Functions is { } fn) deps.Add(fn);
            }
        }
    }

    private static void CollectTerm(RuleNode root, CTerm t, HashSet<RuleNode> deps)
    {
        switch (t)
        {
            case CRef r:
                if (r.Head is CDataRoot) CollectDataRef(root, r, deps);
                else CollectTerm(root, r.Head, deps);
                foreach (var p in r.Path) CollectTerm(root, p, deps);
                break;
            case CArray a:
                foreach (var i in a.Items) CollectTerm(root, i, deps);
                break;
            case CSet s:
                foreach (var i in s.Items) CollectTerm(root, i, deps);
                break;
            case CObject o:
                foreach (var k in o.Keys) CollectTerm(root, k, deps);
                foreach (var v in o.Values) CollectTerm(root, v, deps);
                break;
            case CComprehension c:
                CollectTerm(root, c.Head, deps);
                if (c.Value is not null) CollectTerm(root, c.Value, deps);
                CollectBody(root, c.Body, deps);
                break;
            case CCall call:
                if (call.Target.Functions is { } fn) deps.Add(fn);
                foreach (var a in call.Args) CollectTerm(root, a, deps);
                if (call.Output is not null) CollectTerm(root, call.Output, deps);
                break;
        }
    }

    /// <summary>
    /// The rules a data ref may read: nodes on its path with rules, and the subtrees where it ends. A dynamic
    /// segment matches every child, so <c>data[x].a</c> depends on each package's <c>a</c> only.
    /// </summary>
    private static void CollectDataRef(RuleNode root, CRef r, HashSet<RuleNode> deps)
    {
        var current = new List<RuleNode> { root };
        foreach (var p in r.Path)
        {
            var next = new List<RuleNode>();
            var name = p is CConst c ? RuleNode.SegmentName(c.Value) : null;
            foreach (var node in current)
            {
                if (node.HasValueRules)
                {
                    deps.Add(node);
                    continue;
                }
                if (name is not null)
                {
                    if (node.Children.TryGetValue(name, out var child)) next.Add(child);
                }
                else if (p is CConst)
                {
                    continue;
                }
                else
                {
                    next.AddRange(node.Children.Values);
                }
            }
            current = next;
            if (current.Count == 0) return;
        }
        foreach (var node in current) AddSubtree(node, deps);
    }

    private static void AddSubtree(RuleNode node, HashSet<RuleNode> deps)
    {
        if (node.HasValueRules) deps.Add(node);
        foreach (var c in node.Children.Values)
        {
            if (c.HasDocumentRules) AddSubtree(c, deps);
        }
    }
}
