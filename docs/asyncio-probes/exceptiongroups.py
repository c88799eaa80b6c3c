# ExceptionGroup.subgroup / split and except* (PEP 654), as asyncio4j's ExceptionGroup mirrors them.
def show(g):
    if g is None: return 'None'
    if isinstance(g, BaseExceptionGroup):
        return f'{type(g).__name__}({g.message!r}, [' + ', '.join(show(e) for e in g.exceptions) + '])'
    return f'{type(g).__name__}({g.args[0]!r})'

inner = ExceptionGroup('inner', [ValueError('v2'), TypeError('t2')])
eg = ExceptionGroup('outer', [ValueError('v1'), TypeError('t1'), inner])
print('subgroup ValueError:', show(eg.subgroup(ValueError)))
print('subgroup KeyError:', show(eg.subgroup(KeyError)))
print('subgroup all is self:', eg.subgroup(lambda e: True) is eg)
print('subgroup matching the group itself:', eg.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == 'inner') is not None,
      show(eg.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == 'inner')))
m, r = eg.split(ValueError); print('split ValueError:', show(m), '|', show(r))
m, r = eg.split(Exception); print('split Exception:', m is eg, show(r))
m, r = eg.split(KeyError); print('split KeyError:', show(m), '|', r is eg)
e2 = ExceptionGroup('only', [TypeError('t')]); print('split leaving empty rest:', show(e2.split(TypeError)[1]))
m = eg.subgroup(ValueError); print('traceback/cause kept:', m.__cause__ is eg.__cause__, m.message)
# except*
def run(exc, log):
    try:
        try:
            raise exc
        except* ValueError as g:
            log.append('handled ' + show(g))
    except BaseException as rest:
        log.append('rest ' + show(rest))
    return log
print('except* group:', run(eg, []))
print('except* naked match:', run(ValueError('x'), []))
print('except* naked no match:', run(TypeError('y'), []))
print('except* all matched:', run(ExceptionGroup('g', [ValueError('a')]), []))
