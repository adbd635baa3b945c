global using OpenVisa.Server;
