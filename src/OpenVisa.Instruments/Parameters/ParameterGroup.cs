using System.Text.RegularExpressions;

namespace OpenVisa.Instruments;

/// <summary>
/// Several parameters read by one query and written by one command (QCoDeS's <c>Group</c>), as many instruments
/// need: a Lakeshore heater's <c>RANGE 1,{range}</c> style settings, a Keithley's paired limits. The set command
/// names the members by name, <c>"SOUR:LIM {low},{high}"</c> (a format after a colon works: <c>{low:F3}</c>); the reply
/// to the get command holds the members' values in order, separated by <see cref="Separator"/>.
/// </summary>
/// <remarks>
/// Setting one member sends every member's value: the others' cached raw values, read first with the get command
/// when any member's value is not known yet or is stale (as QCoDeS's <c>get_latest</c> does), so a stale value is
/// never sent back; after the command every member's cache is fresh. Reading one member reads them all and updates
/// every member's cache.
/// </remarks>
public sealed partial class ParameterGroup
{
    private readonly IGroupMember[] _members;

    /// <summary>Creates the group and binds its members to it.</summary>
    /// <param name="members">The members, in the order the get command's reply lists them; all of one instrument.</param>
    /// <param name="setCommand">The command with <c>{name}</c> for each member; null when the group cannot be set.</param>
    /// <param name="getCommand">The query whose reply lists every member's value; null when the group cannot be read.</param>
    /// <param name="separator">What separates the values in the reply.</param>
    public ParameterGroup(IEnumerable<ParameterBase> members, string? setCommand = null, string? getCommand = null, string separator = ",")
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        var list = members.ToList();
        if (list.Count == 0)
            throw new ArgumentException("A parameter group needs at least one member.", nameof(members));
        _members = new IGroupMember[list.Count];
        for (var i = 0; i < list.Count; i++)
            _members[i] = list[i] as IGroupMember ?? throw new ArgumentException($"{list[i].FullName} is a {SnapshotJson.ClassName(list[i].GetType())}; a group's members are GroupParameter<T>.", nameof(members));
        var instrument = list[0].Instrument ?? throw new ArgumentException($"{list[0].FullName} belongs to no instrument, so the group has nothing to send its commands to.", nameof(members));
        var stranger = list.FirstOrDefault(p => !ReferenceEquals(p.Instrument, instrument));
        if (stranger is not null)
            throw new ArgumentException($"{stranger.FullName} belongs to {stranger.Instrument?.FullName ?? "no instrument"}, not to {instrument.FullName}; a group's members share one instrument.", nameof(members));
        var duplicate = list.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two members of the group are named '{duplicate.Key}'.", nameof(members));
        if (setCommand is not null)
        {
            var unknown = Placeholder().Matches(setCommand).Select(m => m.Groups["name"].Value).FirstOrDefault(n => list.All(p => p.Name != n));
            if (unknown is not null)
                throw new ArgumentException($"The set command '{setCommand}' names {{{unknown}}}, which is not a member (members: {string.Join(", ", list.Select(p => p.Name))}).", nameof(setCommand));
        }
        Instrument = instrument;
        SetCommand = setCommand;
        GetCommand = getCommand;
        Separator = separator;
        foreach (var member in _members)
            member.Join(this);
    }

    /// <summary>The instrument the members belong to.</summary>
    public InstrumentBase Instrument { get; }

    /// <summary>The command that sets every member, with <c>{name}</c> placeholders.</summary>
    public string? SetCommand { get; }

    /// <summary>The query whose reply lists every member's value in order.</summary>
    public string? GetCommand { get; }

    /// <summary>What separates the values in the reply.</summary>
    public string Separator { get; }

    /// <summary>The members in reply order.</summary>
    public IReadOnlyList<ParameterBase> Members => [.. _members.Select(m => (ParameterBase)m)];

    /// <summary>Reads every member with one query and updates their caches.</summary>
    public void Update() => Accept(Instrument.Root.AskForParameter(RequireGet(), null));

    /// <summary>The asynchronous form of <see cref="Update"/>.</summary>
    public async ValueTask UpdateAsync(CancellationToken cancellationToken = default) =>
        Accept(await Instrument.Root.AskForParameterAsync(RequireGet(), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Sends the set command with <paramref name="member"/>'s new raw text and the others' current ones.</summary>
    internal void Write(IGroupMember member, object? raw)
    {
        if (_members.Any(m => !m.HasValidValue) && GetCommand is not null)
            Update();
        Instrument.Root.WriteForParameter(CommandWith(member, raw), null);
        Resent(member);
    }

    /// <summary>The asynchronous form of <see cref="Write"/>.</summary>
    internal async ValueTask WriteAsync(IGroupMember member, object? raw, CancellationToken cancellationToken)
    {
        if (_members.Any(m => !m.HasValidValue) && GetCommand is not null)
            await UpdateAsync(cancellationToken).ConfigureAwait(false);
        await Instrument.Root.WriteForParameterAsync(CommandWith(member, raw), null, cancellationToken).ConfigureAwait(false);
        Resent(member);
    }

    /// <summary>The other members' values were just sent, so the instrument holds them now: their caches are fresh.</summary>
    private void Resent(IGroupMember member)
    {
        foreach (var other in _members)
        {
            if (!ReferenceEquals(other, member))
                other.Resent();
        }
    }

    private string CommandWith(IGroupMember member, object? raw)
    {
        var command = SetCommand ?? throw new InvalidOperationException($"{member.FullName} cannot be set: its group has no set command.");
        return Placeholder().Replace(command, match =>
        {
            var name = match.Groups["name"].Value;
            var format = match.Groups["format"].Success ? match.Groups["format"].Value : null;
            var target = _members.First(m => m.Name == name);
            if (ReferenceEquals(target, member))
                return member.FormatRaw(raw, format);
            return target.HasRawValue
                ? target.FormatRaw(target.CurrentRaw, format)
                : throw new InvalidOperationException($"{member.FullName} cannot be set alone: the group's command also sends {target.FullName}, whose value is not known; set it first, or give the group a get command.");
        });
    }

    private string RequireGet() =>
        GetCommand ?? throw new InvalidOperationException($"The group of {string.Join(", ", _members.Select(m => m.FullName))} cannot be read: it has no get command.");

    private void Accept(string reply)
    {
        var parts = reply.Trim().Split(Separator);
        if (parts.Length != _members.Length)
            throw new FormatException($"the reply '{reply.Trim()}' to '{GetCommand}' has {parts.Length} values, but the group has {_members.Length} members ({string.Join(", ", _members.Select(m => m.Name))})");
        // Parse every part before recording any, so a bad reply leaves every cache as it was.
        var accept = new Action[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            accept[i] = _members[i].Parse(parts[i].Trim(), GetCommand!);
        foreach (var action in accept)
            action();
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();
}

/// <summary>What a group needs of its members, whatever their value type.</summary>
internal interface IGroupMember
{
    string Name { get; }

    string FullName { get; }

    /// <summary>True when the member has a raw value to send.</summary>
    bool HasRawValue { get; }

    /// <summary>True when the member's cached value is valid (known and not stale).</summary>
    bool HasValidValue { get; }

    /// <summary>Marks the member's cached value as current: the group's command just sent it.</summary>
    void Resent();

    /// <summary>The member's current raw value.</summary>
    object? CurrentRaw { get; }

    void Join(ParameterGroup group);

    /// <summary>A raw value of the member's type as command text, with an optional .NET format such as <c>F3</c>.</summary>
    string FormatRaw(object? raw, string? format);

    /// <summary>Parses the member's part of a reply; the returned action records it (after every part has parsed).</summary>
    Action Parse(string part, string command);
}
