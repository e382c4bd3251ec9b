using NetArchTest.Rules;

namespace IpPlatform.Web.Tests.Architecture;

/// <summary>
/// The kernel's namespaces (Applications, Workflows, Awards, …) should depend on one another without a cycle, so each can
/// be read and changed from the bottom up. Today they do not: fourteen of them use one another in a single group (listed
/// below as known debt). This test keeps that group from growing and any other cycle from appearing; whoever breaks a
/// part of it removes those names from the list. The kernel's root namespace is left out: it holds the composition root
/// (<c>KernelServices</c>, which names everything) and the shared primitives every namespace uses (<c>Outcome</c>).
/// </summary>
public sealed class KernelNamespacesTests
{
    private const string Kernel = "IpPlatform.Kernel";

    /// <summary>
    /// The one group of namespaces in a cycle on 2026-12-05 (issue 18; fourteen until the award rules modules implement
    /// moved from Modules to Awards, which took Modules, Recipes and Calendar out; eleven until Authorities told what
    /// depends on it through <c>IAuthoritiesChanged</c> and the profile prefill moved to Applications, which took
    /// Authorities and Forms out; nine until the round listings moved to Programs and content asked the programs through
    /// <c>IContentReferences</c> which keys a notice may name, which took Content out): it may shrink, never grow.
    /// </summary>
    private static readonly string[] KnownCycle =
        ["Applications", "Awards", "Notifications", "Programs", "Publicity", "Reviews", "Sanctions", "Workflows"];

    [Fact]
    public void No_kernel_namespace_joins_a_cycle_beyond_the_known_one()
    {
        var assembly = typeof(IpPlatform.Kernel.Modules.ProgramModule).Assembly;
        var namespaces = assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(Kernel + ".", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2]).Distinct().Order(StringComparer.Ordinal).ToList();
        var uses = namespaces.ToDictionary(n => n, n => namespaces.Where(other => other != n && Types.InAssembly(assembly).That()
            .ResideInNamespace($"{Kernel}.{n}").Should().NotHaveDependencyOn($"{Kernel}.{other}").GetResult() is { IsSuccessful: false }).ToList());

        var cycles = Cycles(uses);

        var beyond = cycles.Where(c => c.Except(KnownCycle).Any() || cycles.Count > 1).ToList();
        beyond.ShouldBeEmpty("kernel namespaces in a cycle (each group uses itself through the others): " +
            string.Join("; ", cycles.Select(c => string.Join(" ⇄ ", c))) + "\nwho uses whom: " +
            string.Join("; ", uses.Where(u => cycles.Any(c => c.Contains(u.Key))).Select(u => $"{u.Key} → {string.Join(", ", u.Value)}")));
    }

    /// <summary>The strongly connected groups of more than one namespace (Tarjan's algorithm).</summary>
    private static List<List<string>> Cycles(Dictionary<string, List<string>> uses)
    {
        var (index, low, onStack, stack, found) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new HashSet<string>(), new Stack<string>(), new List<List<string>>());
        void Visit(string n)
        {
            index[n] = low[n] = index.Count;
            stack.Push(n);
            onStack.Add(n);
            foreach (var m in uses[n])
            {
                if (!index.ContainsKey(m))
                {
                    Visit(m);
                    low[n] = Math.Min(low[n], low[m]);
                }
                else if (onStack.Contains(m))
                {
                    low[n] = Math.Min(low[n], index[m]);
                }
            }

            if (low[n] == index[n])
            {
                var group = new List<string>();
                string m;
                do
                {
                    m = stack.Pop();
                    onStack.Remove(m);
                    group.Add(m);
                }
                while (m != n);
                if (group.Count > 1)
                {
                    found.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var n in uses.Keys.Where(n => !index.ContainsKey(n)))
        {
            Visit(n);
        }

        return found;
    }
}
