namespace OpenVisa.Server.Http;

/// <summary>The <c>clients</c> server-sent event: a client attached to or left an instrument, so pages refresh its list.</summary>
internal static class ClientsEvent
{
    public static void Publish(ServerEventHub events, string instrument, string transport, string address, bool attached) =>
        events.Publish("clients", new Dictionary<string, object?>
        {
            ["instrument"] = instrument,
            ["transport"] = transport,
            ["address"] = address,
            ["attached"] = attached,
        });
}
