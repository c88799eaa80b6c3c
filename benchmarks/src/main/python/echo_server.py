"""W4 server on Python asyncio streams: echo every line. Prints LISTENING port=N, runs until killed."""
import asyncio


async def handle(reader, writer):
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            writer.write(line)
            await writer.drain()
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(f"LISTENING port={port}", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
