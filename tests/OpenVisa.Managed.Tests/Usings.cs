namespace OpenVisa.Managed.Tests;
