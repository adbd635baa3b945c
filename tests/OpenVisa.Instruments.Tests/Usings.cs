namespace OpenVisa.Instruments.Tests;
