namespace Conductor.Rego.Compilation;

/// <summary>
/// Which variables an expression needs bound before it runs and which it binds, used to order bodies so that
/// every variable is bound before it is read (OPA's safety check and reordering).
/// </summary>
internal static class SafetyAnalysis
{
    /// <summary>Variables that must be bound to evaluate <paramref name="t"/> as a value.</summary>
    public static void Needs(CTerm t, HashSet<int> acc)
    {
        switch (t)
        {
            case CVar v:
                acc.Add(v.Slot);
                break;
            case CRef r:
                Needs(r.Head, acc);
                foreach (var p in r.Path)
                {
                    if (p is CVar) continue; // iterated: bound by the ref
                    if (p is CArray or CObject) continue; // pattern keys: matched against the keys
                    Needs(p, acc);
                }
                break;
            case CArray a:
                foreach (var i in a.Items) Needs(i, acc);
                break;
            case CSet s:
                foreach (var i in s.Items) Needs(i, acc);
                break;
            case CObject o:
                foreach (var k in o.Keys) Needs(k, acc);
                foreach (var v in o.Values) Needs(v, acc);
                break;
            case CCall c:
                foreach (var a in c.Args) Needs(a, acc);
                break;
            case CComprehension cc:
                Captured(cc, acc);
                break;
        }
    }

    /// <summary>Variables bound by evaluating <paramref name="t"/> (ref iteration variables).</summary>
    public static void Gens(CTerm t, HashSet<int> acc)
    {
        switch (t)
        {
            case CRef r:
                Gens(r.Head, acc);
                foreach (var p in r.Path)
                {
                    if (p is CVar v) acc.Add(v.Slot);
                    else if (p is CArray or CObject) Pattern(p, acc);
                    else Gens(p, acc);
                }
                break;
            case CArray a:
                foreach (var i in a.Items) Gens(i, acc);
                break;
            case CSet s:
                foreach (var i in s.Items) Gens(i, acc);
                break;
            case CObject o:
                foreach (var k in o.Keys) Gens(k, acc);
                foreach (var v in o.Values) Gens(v, acc);
                break;
            case CCall c:
                foreach (var a in c.Args) Gens(a, acc);
                break;
        }
    }

    /// <summary>Variables a pattern binds when matched against a value.</summary>
    public static void Pattern(CTerm t, HashSet<int> acc)
    {
        switch (t)
        {
            case CVar v:
                acc.Add(v.Slot);
                break;
            case CArray a:
                foreach (var i in a.Items) Pattern(i, acc);
                break;
            case CObject o:
                foreach (var v in o.Values) Pattern(v, acc);
                break;
            default:
                Gens(t, acc);
                break;
        }
    }

    /// <summary>Variables a pattern needs (object keys, refs and calls inside it).</summary>
    public static void PatternNeeds(CTerm t, HashSet<int> acc)
    {
        switch (t)
        {
            case CVar:
                break;
            case CArray a:
                foreach (var i in a.Items) PatternNeeds(i, acc);
                break;
            case CObject o:
                foreach (var k in o.Keys) Needs(k, acc);
                foreach (var v in o.Values) PatternNeeds(v, acc);
                break;
            default:
                Needs(t, acc);
                break;
        }
    }

    /// <summary>All variables occurring in a term (including captured ones of comprehensions).</summary>
    public static void All(CTerm t, HashSet<int> acc)
    {
        Needs(t, acc);
        Gens(t, acc);
    }

    /// <summary>Variables of a comprehension that come from the enclosing body.</summary>
    public static void Captured(CComprehension cc, HashSet<int> acc)
    {
        var inner = new HashSet<int>();
        Needs(cc.Head, inner);
        if (cc.Value is not null) Needs(cc.Value, inner);
        foreach (var e in cc.Body.Exprs) ExprVars(e, inner);
        inner.ExceptWith(cc.LocalSlots);
        acc.UnionWith(inner);
    }

    /// <summary>Every variable an expression mentions.</summary>
    public static void ExprVars(CExpr e, HashSet<int> acc)
    {
        switch (e)
        {
            case CTermExpr te:
                All(te.Term, acc);
                if (te.Term is CCall { Output: { } o }) All(o, acc);
                break;
            case CUnify u:
                All(u.Left, acc);
                All(u.Right, acc);
                break;
            case CSomeIn s:
                if (s.Key is not null) All(s.Key, acc);
                All(s.Value, acc);
                All(s.Collection, acc);
                break;
            case CEvery ev:
                All(ev.Domain, acc);
                foreach (var x in ev.Body.Exprs) ExprVars(x, acc);
                break;
        }
        foreach (var w in e.With) All(w.Value, acc);
    }

    private static bool Subset(HashSet<int> needs, HashSet<int> bound)
    {
        foreach (var n in needs)
        {
            if (!bound.Contains(n)) return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="t"/> can be evaluated with <paramref name="bound"/>.</summary>
    public static bool Evaluable(CTerm t, HashSet<int> bound)
    {
        var needs = new HashSet<int>();
        Needs(t, needs);
        if (Subset(needs, bound)) return true;
        var gens = new HashSet<int>();
        Gens(t, gens);
        needs.ExceptWith(gens);
        return Subset(needs, bound);
    }

    /// <summary>
    /// The variables an expression binds when it can run with <paramref name="bound"/>; null when it cannot run yet.
    /// </summary>
    public static HashSet<int>? Outputs(CExpr e, HashSet<int> bound)
    {
        foreach (var w in e.With)
        {
            if (!Evaluable(w.Value, bound)) return null;
        }
        if (e.Negated)
        {
            var all = new HashSet<int>();
            ExprVars(e, all);
            all.ExceptWith(e.LocalSlots);
            return Subset(all, bound) ? [] : null;
        }
        switch (e)
        {
            case CNoop:
                return [];
            case CTermExpr te:
            {
                if (!Evaluable(te.Term, bound)) return null;
                var outs = new HashSet<int>();
                Gens(te.Term, outs);
                if (te.Term is CCall { Output: { } o })
                {
                    var pn = new HashSet<int>();
                    PatternNeeds(o, pn);
                    if (!Subset(pn, bound)) return null;
                    Pattern(o, outs);
                }
                return outs;
            }
            case CUnify u:
                return UnifyOutputs(u.Left, u.Right, bound, u.Assign);
            case CSomeIn s:
            {
                if (!Evaluable(s.Collection, bound)) return null;
                var outs = new HashSet<int>();
                Gens(s.Collection, outs);
                var pn = new HashSet<int>();
                if (s.Key is not null) PatternNeeds(s.Key, pn);
                PatternNeeds(s.Value, pn);
                pn.ExceptWith(outs);
                if (!Subset(pn, bound)) return null;
                if (s.Key is not null) Pattern(s.Key, outs);
                Pattern(s.Value, outs);
                return outs;
            }
            case CEvery ev:
            {
                if (!Evaluable(ev.Domain, bound)) return null;
                var captured = new HashSet<int>();
                foreach (var x in ev.Body.Exprs) ExprVars(x, captured);
                captured.ExceptWith(ev.BodySlots);
                return Subset(captured, bound) ? [] : null;
            }
        }
        return null;
    }

    private static HashSet<int>? UnifyOutputs(CTerm left, CTerm right, HashSet<int> bound, bool assign)
    {
        if (assign)
        {
            if (!Evaluable(right, bound)) return null;
            var outs = new HashSet<int>();
            Gens(right, outs);
            Pattern(left, outs);
            return outs;
        }
        if (Evaluable(right, bound) && PatternReady(left, bound))
        {
            var outs = new HashSet<int>();
            Gens(right, outs);
            Pattern(left, outs);
            return outs;
        }
        if (Evaluable(left, bound) && PatternReady(right, bound))
        {
            var outs = new HashSet<int>();
            Gens(left, outs);
            Pattern(right, outs);
            return outs;
        }
        // Composite against composite: unify element-wise, each pair once the other pairs have bound enough.
        CTerm[]? ls = null, rs = null;
        if (left is CArray la && right is CArray ra && la.Items.Length == ra.Items.Length)
        {
            ls = la.Items;
            rs = ra.Items;
        }
        else if (left is CObject lo && right is CObject ro && lo.Keys.Length == ro.Keys.Length
                 && lo.Keys.All(k => k is CConst) && ro.Keys.All(k => k is CConst))
        {
            ls = lo.Values;
            rs = new CTerm[lo.Keys.Length];
            for (var i = 0; i < lo.Keys.Length; i++)
            {
                var key = ((CConst)lo.Keys[i]).Value;
                var j = Array.FindIndex(ro.Keys, k => ((CConst)k).Value.Equals(key));
                if (j < 0) return null;
                rs[i] = ro.Values[j];
            }
        }
        if (ls is null || rs is null) return null;
        var b = new HashSet<int>(bound);
        var done = new bool[ls.Length];
        var progress = true;
        while (progress)
        {
            progress = false;
            for (var i = 0; i < ls.Length; i++)
            {
                if (done[i]) continue;
                var o = UnifyOutputs(ls[i], rs[i], b, false);
                if (o is null) continue;
                b.UnionWith(o);
                done[i] = true;
                progress = true;
            }
        }
        if (done.Any(d => !d)) return null;
        b.ExceptWith(bound);
        return b;
    }

    private static bool PatternReady(CTerm pattern, HashSet<int> bound)
    {
        var pn = new HashSet<int>();
        PatternNeeds(pattern, pn);
        if (Subset(pn, bound)) return true;
        // Refs/calls nested in the pattern can bind their own iteration variables.
        var gens = new HashSet<int>();
        Gens(pattern, gens);
        pn.ExceptWith(gens);
        return Subset(pn, bound);
    }
}
