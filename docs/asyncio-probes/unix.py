# start_unix_server / open_unix_connection (3.13): echo, a stale socket file, cleanup at close, errors.
import asyncio, os, socket, tempfile
async def main():
    d = tempfile.mkdtemp(); path = os.path.join(d, 's.sock')
    async def handle(r, w):
        while line := await r.readline():
            w.write(b'echo:' + line); await w.drain()
        w.close(); await w.wait_closed()
    stale = socket.socket(socket.AF_UNIX); stale.bind(path); stale.close()
    print('stale socket file exists', os.path.exists(path))
    server = await asyncio.start_unix_server(handle, path)
    r, w = await asyncio.open_unix_connection(path)
    w.write(b'hi\n'); print('reply', await r.readline(), 'peer', repr(w.get_extra_info('peername')))
    w.close(); await w.wait_closed()
    server.close(); await server.wait_closed()
    print('socket file after close', os.path.exists(path))
    try: await asyncio.open_unix_connection(path)
    except OSError as e: print('missing path:', type(e).__name__)
    s = socket.socket(socket.AF_UNIX); s.bind(path)  # a socket file nobody listens on
    try: await asyncio.open_unix_connection(path)
    except OSError as e: print('nobody listening:', type(e).__name__)
    s.close(); os.remove(path)
    open(path, 'w').close()
    try: await asyncio.start_unix_server(handle, path)
    except OSError as e: print('regular file in the way:', type(e).__name__, os.path.exists(path))
asyncio.run(main())
