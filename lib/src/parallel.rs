//! Foundation: the ordered parallel fan-out — work split across scoped threads, the
//! results handed back on the calling thread in the order of the input, so nothing a
//! caller writes depends on the thread count. Used by the pipeline (records), the
//! store (sorted runs) and export (formatted chunks).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Mutex};

/// The worker threads to use: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` on every item on up to `threads` worker threads and calls `sink` with
/// each item's index and result, in the order of `items`, on the calling thread. At
/// most `ahead` items are taken in front of the one `sink` waits for (bounding the
/// memory held by finished results waiting their turn; at least one per thread).
///
/// A result is `Err` with the panic's payload when `work` panicked on a worker (the
/// other items still run). With `threads <= 1` or a single item everything happens on
/// the calling thread, and a panic is the caller's.
pub fn for_each_ordered<I: Send, T: Send>(
    items: Vec<I>,
    threads: usize,
    ahead: usize,
    work: impl Fn(I) -> T + Sync,
    mut sink: impl FnMut(usize, std::thread::Result<T>),
) {
    if threads <= 1 || items.len() <= 1 {
        for (index, item) in items.into_iter().enumerate() {
            sink(index, Ok(work(item)));
        }
        return;
    }
    let threads = threads.min(items.len());
    let ahead = ahead.max(threads);
    let queue = Mutex::new(items.into_iter().enumerate());
    // Workers wait for a permit before taking an item, so they run at most `ahead`
    // items in front of the caller.
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(ahead);
    for _ in 0..ahead {
        let _ = permit_tx.send(());
    }
    let permit_rx = Mutex::new(permit_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, std::thread::Result<T>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (queue, permit_rx, work) = (&queue, &permit_rx, &work);
            scope.spawn(move || loop {
                let permitted = permit_rx
                    .lock()
                    .map(|rx| rx.recv().is_ok())
                    .unwrap_or(false);
                if !permitted {
                    return;
                }
                let next = queue.lock().ok().and_then(|mut queue| queue.next());
                let Some((index, item)) = next else {
                    return;
                };
                let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                if done_tx.send((index, result)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        for (index, result) in done_rx.iter() {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&want) {
                sink(want, result);
                want += 1;
                let _ = permit_tx.send(());
            }
        }
        // Every worker has returned (its sender dropped): release any still waiting.
        drop(permit_tx);
    });
}

/// [`for_each_ordered`] with no bound on the items ahead, collected: the results of
/// `work` on `items`, in the order of `items`.
pub fn map_ordered<I: Send, T: Send>(
    items: Vec<I>,
    threads: usize,
    work: impl Fn(I) -> T + Sync,
) -> Vec<std::thread::Result<T>> {
    let mut results = Vec::with_capacity(items.len());
    let ahead = items.len();
    for_each_ordered(items, threads, ahead, work, |_, result| {
        results.push(result)
    });
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        // Items of very different costs, so workers finish out of order.
        let items: Vec<u64> = (0..60).collect();
        let work = |n: u64| {
            std::thread::sleep(Duration::from_micros((n * 7919) % 13 * 200));
            n * n
        };
        let want: Vec<u64> = items.iter().map(|n| n * n).collect();
        for threads in [0, 1, 2, 3, 8, 100] {
            for ahead in [0, 1, 4, 1000] {
                let mut seen = Vec::new();
                for_each_ordered(items.clone(), threads, ahead, work, |index, result| {
                    seen.push((index, result.expect("no panic")));
                });
                let indexes: Vec<usize> = seen.iter().map(|(i, _)| *i).collect();
                assert_eq!(indexes, (0..items.len()).collect::<Vec<_>>());
                let values: Vec<u64> = seen.into_iter().map(|(_, v)| v).collect();
                assert_eq!(values, want, "{threads} threads, {ahead} ahead");
            }
            let mapped: Vec<u64> = map_ordered(items.clone(), threads, work)
                .into_iter()
                .map(|r| r.expect("no panic"))
                .collect();
            assert_eq!(mapped, want);
        }
        assert!(map_ordered(Vec::<u8>::new(), 4, |b| b).is_empty());
    }

    #[test]
    fn a_panicking_item_is_an_error_in_its_place() {
        let results = map_ordered((0..10).collect(), 4, |n: i32| {
            assert!(n != 3, "item three");
            n
        });
        assert_eq!(results.len(), 10);
        for (n, result) in results.into_iter().enumerate() {
            assert_eq!(result.is_err(), n == 3, "{n}");
        }
    }

    #[test]
    fn borrowed_and_mutable_items_work() {
        let mut runs = [vec![3, 1, 2], vec![9, 8], vec![5, 7, 6]];
        let sorted: Vec<Vec<i32>> = map_ordered(runs.iter_mut().collect(), 3, |run| {
            run.sort_unstable();
            run.clone()
        })
        .into_iter()
        .map(|r| r.expect("no panic"))
        .collect();
        assert_eq!(sorted, vec![vec![1, 2, 3], vec![8, 9], vec![5, 6, 7]]);
        assert_eq!(runs[1], vec![8, 9]);
    }
}
