using NetArchTest.Rules;

namespace IpPlatform.Web.Tests.Architecture;

/// <summary>
/// The kernel's namespaces (Applications, Workflows, Awards, …) depend on one another without a cycle, so each can be
/// read and changed from the bottom up: Notifications, then the workflow engine, Programs, Sanctions, Applications,
/// Reviews, Publicity and Awards, with the queue, the timers, statistics and the demo's journeys on top. Where a lower
/// part needs what a higher one does, it names the need as an interface the higher one implements (as
/// <c>IApplicationAwards</c>, <c>IOwedObligations</c>, <c>IWorkflowEffectKinds</c>, <c>IDecisionNotices</c>,
/// <c>IContentReferences</c>, <c>IAuthoritiesChanged</c>). The kernel's root namespace is left out: it holds the
/// composition root (<c>KernelServices</c>, which names everything) and the shared primitives every namespace uses
/// (<c>Outcome</c>).
/// </summary>
public sealed class KernelNamespacesTests
{
    private const string Kernel = "IpPlatform.Kernel";

    [Fact]
    public void No_kernel_namespace_is_in_a_cycle()
    {
        var assembly = typeof(IpPlatform.Kernel.Modules.ProgramModule).Assembly;
        var namespaces = assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(Kernel + ".", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2]).Distinct().Order(StringComparer.Ordinal).ToList();
        // A namespace is matched exactly on the using side ("Time" would otherwise take in a "Timers"); on the used side a
        // shared prefix can only add a dependency, so it would fail loudly, never hide a cycle.
        var uses = namespaces.ToDictionary(n => n, n => namespaces.Where(other => other != n && Types.InAssembly(assembly).That()
            .ResideInNamespaceMatching($@"^{Kernel}\.{n}(\..*)?$").Should().NotHaveDependencyOn($"{Kernel}.{other}").GetResult() is { IsSuccessful: false }).ToList());

        // The layers as they are meant to be read (and proof that the check sees dependencies at all).
        uses["Awards"].ShouldContain("Applications");
        uses["Applications"].ShouldContain("Workflows");
        uses["Applications"].ShouldNotContain("Awards");

        var cycles = Cycles(uses);

        cycles.ShouldBeEmpty("kernel namespaces in a cycle (each group uses itself through the others): " +
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
