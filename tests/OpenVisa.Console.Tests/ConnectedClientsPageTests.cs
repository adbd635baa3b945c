using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using OpenVisa.Server.Http;

namespace OpenVisa.Console.Tests;

/// <summary>
/// Clients of other transports in the console: a raw SOCKET client's query in the traffic pane, and the client in
/// the instruments page's list (added and removed live, as it connects and goes away).
/// </summary>
public sealed class ConnectedClientsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A demo instrument over SOCKET and HTTP, as <c>ovisa serve --demo --socket-port 0 --http 0</c> would.</summary>
    private static InstrumentServer Serve()
    {
        var server = new InstrumentServer([new ServedInstrument("DEMO0::INSTR", new DemoInstrument("SN0"))],
            new InstrumentServerOptions { SocketPort = 0, Http = new HttpServerOptions() });
        server.Start();
        return server;
    }

    private static async Task<TcpClient> ConnectSocketAsync(InstrumentServer server)
    {
        var port = int.Parse(server.Endpoints.Single(e => e.Protocol == "SOCKET").ResourceName.Split("::")[2]);
        var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    [BrowserFact]
    public async Task A_SOCKET_clients_query_appears_in_the_traffic_pane_with_its_address()
    {
        await using var server = Serve();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.HttpUrl + "/#/instrument/" + Uri.EscapeDataString("DEMO0::INSTR"));
        await Assertions.Expect(page.Locator("#traffic").Locator("xpath=..").GetByText("(live)")).ToBeVisibleAsync();

        using var socket = await ConnectSocketAsync(server);
        var address = ((IPEndPoint)socket.Client.LocalEndPoint!).ToString();
        await socket.GetStream().WriteAsync("*IDN?\n"u8.ToArray());
        var answer = new byte[256];
        Assert.StartsWith("OpenVisa,Demo Instrument,SN0", Encoding.ASCII.GetString(answer, 0, await socket.GetStream().ReadAsync(answer)));

        var sent = page.Locator("#traffic li[data-transport=SOCKET]").First;
        await Assertions.Expect(sent).ToContainTextAsync("*IDN?");
        await Assertions.Expect(sent.Locator(".who")).ToHaveTextAsync("SOCKET " + address);
        await Assertions.Expect(page.Locator("#traffic li[data-transport=SOCKET]").Nth(1)).ToContainTextAsync("OpenVisa,Demo Instrument,SN0");
        await Screenshots.TakeAsync(page, "console-socket-traffic");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_instruments_page_lists_a_SOCKET_client_while_it_is_connected()
    {
        await using var server = Serve();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.HttpUrl + "/");
        var row = page.Locator("tr[data-name='DEMO0::INSTR']");
        await Assertions.Expect(row.Locator(".dot")).ToHaveClassAsync("dot ok");
        // The page's own health check is an HTTP client of the instrument, and says so.
        await Assertions.Expect(row.Locator(".client[data-transport=HTTP]")).ToContainTextAsync("this page");
        await Assertions.Expect(row.Locator(".client[data-transport=SOCKET]")).ToHaveCountAsync(0);

        using (var socket = await ConnectSocketAsync(server))
        {
            var address = ((IPEndPoint)socket.Client.LocalEndPoint!).ToString();
            // No refresh: the server's "clients" event updates the row.
            await Assertions.Expect(row.Locator(".client[data-transport=SOCKET]")).ToContainTextAsync(address);
            await Screenshots.TakeAsync(page, "console-instruments-clients");
        }
        await Assertions.Expect(row.Locator(".client[data-transport=SOCKET]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
