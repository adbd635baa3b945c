using System.Globalization;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>
/// The Prologix adapters open in this process, shared by endpoint and counted, and which GPIB board each is bound to.
/// Board n is bound while a <c>PRLGXn</c> INTFC session to an adapter is open (as pyvisa-py does), or by
/// <c>OPENVISA_GPIBn=prologix:…</c>; then <c>GPIBn::pad::INSTR</c> goes through that adapter.
/// </summary>
internal static class PrologixAdapters
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (PrologixAdapter Adapter, int Users)> Open = new(StringComparer.Ordinal);
    private static readonly Dictionary<int, Stack<PrologixEndpoint>> Bound = [];

    /// <summary>The adapter board <paramref name="board"/> is bound to, or null when none is.</summary>
    public static PrologixEndpoint? BindingFor(int board, string resourceName)
    {
        lock (Gate)
        {
            if (Bound.TryGetValue(board, out var stack) && stack.Count > 0)
                return stack.Peek();
        }
        var variable = PrologixEndpoint.VariableFor(board);
        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } binding
            ? PrologixEndpoint.Parse(binding, variable, resourceName)
            : null;
    }

    /// <summary>Opens (or shares) the adapter at <paramref name="endpoint"/>; <see cref="Release"/> it when done.</summary>
    public static PrologixAdapter Acquire(PrologixEndpoint endpoint, SessionOpening opening)
    {
        lock (Gate)
        {
            if (Open.TryGetValue(endpoint.Key, out var shared))
            {
                Open[endpoint.Key] = (shared.Adapter, shared.Users + 1);
                return shared.Adapter;
            }
            // Connecting under the lock keeps two sessions from opening two connections to one adapter (a GPIB-ETHERNET
            // box takes one client at a time).
            var link = endpoint.Connect(opening.OpenTimeout, opening.Library.HostResolver, opening.ResourceName);
            var adapter = new PrologixAdapter(link, endpoint);
            try
            {
                adapter.Initialize(opening.ResourceName);
            }
            catch
            {
                adapter.Dispose();
                throw;
            }
            Open[endpoint.Key] = (adapter, 1);
            return adapter;
        }
    }

    /// <summary>One user fewer; the last closes the connection.</summary>
    public static void Release(PrologixAdapter adapter)
    {
        lock (Gate)
        {
            if (!Open.TryGetValue(adapter.Endpoint.Key, out var shared) || !ReferenceEquals(shared.Adapter, adapter))
                return;
            if (shared.Users > 1)
            {
                Open[adapter.Endpoint.Key] = (adapter, shared.Users - 1);
                return;
            }
            Open.Remove(adapter.Endpoint.Key);
        }
        adapter.Dispose();
    }

    /// <summary>Binds <paramref name="board"/> to <paramref name="endpoint"/> until <see cref="Unbind"/>.</summary>
    public static void Bind(int board, PrologixEndpoint endpoint)
    {
        lock (Gate)
        {
            if (!Bound.TryGetValue(board, out var stack))
                Bound[board] = stack = new Stack<PrologixEndpoint>();
            stack.Push(endpoint);
        }
    }

    public static void Unbind(int board, PrologixEndpoint endpoint)
    {
        lock (Gate)
        {
            if (Bound.TryGetValue(board, out var stack) && stack.Count > 0 && stack.Peek() == endpoint)
                stack.Pop();
        }
    }

    /// <summary>How to bind board <paramref name="board"/>, for the error when nothing serves it.</summary>
    public static string HowToBind(int board)
    {
        var n = board.ToString(CultureInfo.InvariantCulture);
        return $"To reach it through a Prologix adapter, set {PrologixEndpoint.VariableFor(board)}=prologix:tcp://HOST:1234 (GPIB-ETHERNET) or prologix:serial:///dev/ttyUSB0 (GPIB-USB), " +
            $"or open PRLGX-TCPIP{n}::HOST::1234::INTFC first and keep it open.";
    }
}
