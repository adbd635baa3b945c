namespace OpenVisa.Server.Tests;
