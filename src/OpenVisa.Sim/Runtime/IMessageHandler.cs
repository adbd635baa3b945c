using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.Runtime;

/// <summary>What a handler did with one message unit.</summary>
internal enum UnitOutcome
{
    /// <summary>Nothing in the definition matched it.</summary>
    Unmatched,

    /// <summary>It matched and asks for no reply.</summary>
    NoReply,

    /// <summary>It matched; the reply is in <see cref="InstrumentContext.Reply"/>.</summary>
    Reply,
}

/// <summary>Everything a handler may use while it handles a unit; one per instrument, reused.</summary>
internal sealed class InstrumentContext(PythonRandom random, string deviceName)
{
    public ByteBuilder Reply { get; } = new();

    public TextBuilder Text { get; } = new();

    public PythonRandom Random { get; } = random;

    public StatusModel Status { get; } = new();

    public string DeviceName { get; } = deviceName;

    /// <summary>Seconds the unit takes before its reply is ready (a profile's <c>delay</c>).</summary>
    public double Delay { get; set; }
}

/// <summary>A device behaviour (a pyvisa-sim device, a PyTestLab profile) answering message units.</summary>
internal interface IMessageHandler
{
    /// <summary>A name for messages: "pyvisa-sim device 'x'" or "profile 'y'".</summary>
    string Description { get; }

    /// <summary>True to send the replies of one message as one reply joined by ';' (IEEE 488.2), false for one reply each (pyvisa-sim).</summary>
    bool JoinsReplies { get; }

    /// <summary>
    /// Whether the simulator answers the IEEE 488.2 common commands and <c>SYSTem:ERRor?</c> that the definition does not
    /// define. PyTestLab profiles and the built-in instruments do; a pyvisa-sim device does not (pyvisa-sim answers them as
    /// unknown commands) unless its file opts in with <c>common_commands: true</c>.
    /// </summary>
    bool AnswersCommonCommands { get; }

    /// <summary>The identification for <c>*IDN?</c> when the definition has none of its own.</summary>
    string Identification { get; }

    /// <summary>Splits a message into units (ranges of <paramref name="message"/>).</summary>
    void Split(ReadOnlySpan<byte> message, List<Range> units);

    /// <summary>Answers one unit: its bytes, and the same bytes as Latin-1 characters.</summary>
    /// <exception cref="SimDeviceException">The definition cannot answer (pyvisa-sim would raise).</exception>
    UnitOutcome Handle(ReadOnlySpan<byte> unit, ReadOnlySpan<char> text, InstrumentContext context);

    /// <summary>What the device does with a unit nothing understood (after the SCPI error is queued).</summary>
    UnitOutcome HandleUnknown(ReadOnlySpan<byte> unit, InstrumentContext context);

    /// <summary>A read found no reply (a query error).</summary>
    void OnQueryError(InstrumentContext context);

    /// <summary><c>*RST</c>: back to the initial state.</summary>
    void Reset(InstrumentContext context);

    /// <summary><c>*CLS</c>: clears the definition's own registers and queues.</summary>
    void ClearStatus();
}

/// <summary>A simulated device failed to answer in a way pyvisa-sim or PyTestLab would raise for; surfaces as a VISA I/O error.</summary>
internal sealed class SimDeviceException(string message) : Exception(message);
