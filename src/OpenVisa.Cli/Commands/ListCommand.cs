using System.CommandLine;

namespace OpenVisa.Cli.Commands;

/// <summary><c>ovisa list [QUERY]</c>: the resources matching a VISA pattern.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string>("query") { Description = "VISA resource pattern", DefaultValueFactory = _ => "?*::INSTR" };
        var command = new Command("list", "List the resources matching a VISA pattern (default ?*::INSTR)") { query };
        command.SetAction(parsed => Run(context, parsed.GetValue(query)!));
        return command;
    }

    private static int Run(CliContext context, string query)
    {
        using var manager = context.OpenManager();
        IReadOnlyList<string> names;
        // Discovery waits for broadcasts and mDNS answers; on a terminal the wait shows.
        using (CliProgress.Start(context, $"looking for '{query}' on @{manager.Library.BackendName}"))
            names = manager.ListResources(query);
        if (context.Json)
        {
            context.WriteJson(new
            {
                backend = "@" + manager.Library.BackendName,
                query,
                resources = names.Select(n => Entry(manager, n)).ToArray(),
            });
            return CliApp.Ok;
        }
        if (names.Count == 0)
        {
            // On stderr, so a script reading names from stdout sees none; an empty result is an answer, not a failure.
            context.Error.WriteLine(NothingFound(context, manager, query));
            return CliApp.Ok;
        }
        foreach (var name in names)
            context.Out.WriteLine(name);
        return CliApp.Ok;
    }

    /// <summary>Says where the search looked, so an empty answer from the wrong backend or query is easy to spot.</summary>
    private static string NothingFound(CliContext context, ResourceManager manager, string query)
    {
        var backend = "@" + manager.Library.BackendName;
        var spec = context.Backend.Trim();
        var where = spec.Length == 0 ? $"{backend} (the default backend)" : spec == backend ? backend : $"{backend} ({spec})";
        return $"no resources found (looked in: {where}, query '{query}'); try another query, e.g. 'ovisa list \"?*\"', or another backend with -b";
    }

    private static object Entry(ResourceManager manager, string name)
    {
        var info = manager.ResourceInfo(name);
        // Spelled as in the resource name and as 'ovisa parse' prints it (TCPIP, not the enum's Tcpip).
        var interfaceType = ResourceName.TryParse(name, out var parsed) && parsed is not null
            ? parsed.InterfaceTypeName
            : info.InterfaceType.ToString().ToUpperInvariant();
        return new { name, interfaceType, board = info.InterfaceBoardNumber, resourceClass = info.ResourceClass, alias = info.Alias };
    }
}
