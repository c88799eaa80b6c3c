# StreamReader limit overrun with data arriving in several chunks (issue 18 items 3 and 5).
# Each case: a reader with a small limit, a pending read, chunks fed either one loop iteration
# apart ('|' = asyncio.sleep(0) between feeds) or within one iteration; prints what the read
# raised or returned, after which chunk, and what the buffer held afterwards.
import asyncio

async def case(name, limit, op, chunks, eof=False):
    r = asyncio.StreamReader(limit=limit)
    log = []
    async def reader():
        try:
            v = await op(r)
            log.append(f'returned {v!r}')
        except ValueError as e:                      # readline's overrun
            log.append(f'ValueError {e}')
        except asyncio.LimitOverrunError as e:
            log.append(f'LimitOverrunError {e.args[0]!r} consumed={e.consumed}')
        except asyncio.IncompleteReadError as e:
            log.append(f'IncompleteReadError partial={e.partial!r}')
    t = asyncio.create_task(reader())
    await asyncio.sleep(0)                           # the read is pending before the first chunk
    for group in chunks:                             # a group is fed within one iteration
        for c in group:
            r.feed_data(c)
        log.append(f'fed {b"".join(group)!r}')
        await asyncio.sleep(0)
    if eof:
        r.feed_eof(); log.append('eof')
    await asyncio.sleep(0)
    if not t.done():
        log.append('still pending'); r.feed_eof(); await t
    log.append(f'buffer {bytes(r._buffer)!r}')
    print(f'{name}: ' + '; '.join(log))

line = lambda r: r.readline()
def until(sep): return lambda r: r.readuntil(sep)

async def main():
    # readline, limit 5
    await case('L1 apart', 5, line, [[b'abc'], [b'defg'], [b'hi\nxyz']])
    await case('L2 together', 5, line, [[b'abc', b'defg', b'hi\nxyz']])
    await case('L3 over then newline same iteration', 5, line, [[b'abc'], [b'defg', b'hi\nxyz']])
    await case('L4 exactly limit then newline', 5, line, [[b'abcde'], [b'\nz']])
    await case('L5 limit+1 no newline', 5, line, [[b'abc'], [b'def']])
    await case('L6 newline at limit+1', 5, line, [[b'abc'], [b'def\nz']])
    await case('L7 over then eof same iteration', 5, line, [[b'abcdefg']], eof=True)
    await case('L8 long line then short', 5, line, [[b'abcdefgh\nab\n']])
    # readuntil: data stays in the buffer on overrun
    await case('U1 apart', 5, until(b'\r\n'), [[b'abc'], [b'def'], [b'g\r\n']])
    await case('U2 together', 5, until(b'\r\n'), [[b'abc', b'def', b'g\r\n']])
    await case('U3 separator split at limit', 5, until(b'\r\n'), [[b'abcde\r'], [b'\nz']])
    await case('U4 separator split past limit', 5, until(b'\r\n'), [[b'abcdef\r'], [b'\nz']])
    await case('U5 eof without separator', 5, until(b'\r\n'), [[b'abc'], [b'd\r']], eof=True)
    # readuntil with several separators (3.13)
    await case('R1 read(100), two chunks in one iteration', 5, lambda r: r.read(100), [[b'ab', b'cd']])
    await case('M1 shortest end wins', 10, until((b'cd', b'bcde', b'\n')), [[b'abcdef\n']])
    await case('M2 earliest end, not earliest start', 10, until((b'abcdef', b'cd')), [[b'abcdef']])
    await case('M3 apart', 10, until((b'\r\n', b'\n')), [[b'ab\r'], [b'\nc']])
    await case('M4 overrun uses the matched separator', 3, until((b'xyz', b'!')), [[b'abcdxyz!']])
    await case('M5 not found, offset from longest', 3, until((b'xy', b'!!!!')), [[b'abcdef']])
    r = asyncio.StreamReader()
    for bad in [(), (b'',), (b'a', b'')]:
        try: await r.readuntil(bad)
        except ValueError as e: print(f'readuntil({bad!r}): ValueError {e}')
    r.feed_data(b'ab\n'); print('single-element tuple', await r.readuntil((b'\n',)))

asyncio.run(main())
