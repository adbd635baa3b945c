namespace OpenVisa;

/// <summary>One occurrence of a VISA event delivered to a session.</summary>
/// <param name="Type">What happened.</param>
/// <param name="StatusByte">For service requests, the status byte that came with the request, when the transport carries it.</param>
/// <param name="Data">For USB interrupts, the interrupt-IN payload.</param>
public sealed record VisaEvent(EventType Type, byte? StatusByte = null, ReadOnlyMemory<byte> Data = default);

/// <summary>Called when an event enabled with <see cref="EventMechanism.Handler"/> occurs.</summary>
/// <param name="session">The session the event occurred on.</param>
/// <param name="visaEvent">The event.</param>
/// <param name="userHandle">The value given when the handler was installed.</param>
public delegate void VisaEventHandler(int session, VisaEvent visaEvent, object? userHandle);
